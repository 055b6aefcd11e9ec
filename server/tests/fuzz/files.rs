//! Hostile documents, posted where a procedure asks for one (the death registration's notice):
//! pictures whose header lies about their size or whose body is cut or garbled, PDFs that run
//! scripts, launch programs, carry files, nest without end or declare absurd lengths, or are only a header and noise.

use super::*;
use lopdf::{Object, Stream, dictionary};

/// The step of a death registration that asks for a photo of the notice, and its input.
pub(crate) const DOCUMENT_STEP: &str = "giay-bao-tu";
pub(crate) const DOCUMENT_INPUT: &str = "gbt-anh";

/// What the office must do with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Due {
    /// Refused with a plain message on the step; the file reaches the picture or PDF check.
    Refused,
    /// A photo or PDF whose damage a reader may tolerate: kept or refused, never a failure.
    Either,
    /// Nothing chosen: the step is saved, nothing is checked.
    Nothing,
}

pub(crate) struct Hostile {
    pub what: &'static str,
    pub bytes: Vec<u8>,
    pub due: Due,
}

impl Fuzzer {
    pub(crate) fn hostile_file(&mut self) -> Hostile {
        let (what, bytes, due) = match self.rng.random_range(0..16) {
            0 => {
                let (width, height) = self.absurd_size();
                let body = self.garbage_bytes(64);
                (
                    "png of absurd size",
                    png_declaring(width, height, &body),
                    Due::Refused,
                )
            }
            1 => {
                // Within what a camera makes, but the pixels are not there.
                let width = self.rng.random_range(1000..8000);
                let height = self.rng.random_range(1000..6000);
                let body = self.garbage_bytes(200);
                (
                    "png without its pixels",
                    png_declaring(width, height, &body),
                    Due::Refused,
                )
            }
            2 => {
                let mut bytes = small_png(&mut self.rng);
                let at = self.rng.random_range(8..bytes.len() - 12);
                bytes.truncate(at);
                ("png cut short", bytes, Due::Refused)
            }
            3 => {
                // A whole small picture whose header claims another size.
                let mut bytes = small_png(&mut self.rng);
                let (width, height) = self.absurd_size();
                set_png_size(&mut bytes, width, height);
                ("png whose header lies", bytes, Due::Refused)
            }
            4 => {
                let mut bytes = small_png(&mut self.rng);
                self.garble(&mut bytes, 33);
                ("png garbled", bytes, Due::Either)
            }
            5 => {
                let (width, height) = self.absurd_size();
                let (width, height) = (width.min(65_535) as u16, height.min(65_535) as u16);
                let body = self.garbage_bytes(300);
                (
                    "jpeg of absurd size",
                    jpeg_declaring(width, height, &body),
                    Due::Refused,
                )
            }
            6 => {
                let mut bytes = small_jpeg(&mut self.rng);
                let at = self.rng.random_range(3..bytes.len() / 2);
                bytes.truncate(at);
                // The decoder paints what is missing grey (the `image` crate reads JPEG leniently):
                // kept or refused, the point is that nothing fails.
                ("jpeg cut short", bytes, Due::Either)
            }
            7 => {
                let mut bytes = small_jpeg(&mut self.rng);
                self.garble(&mut bytes, 20);
                ("jpeg garbled", bytes, Due::Either)
            }
            8 => {
                let bytes = [
                    b"\x89PNG\r\n\x1a\n".to_vec(),
                    vec![0xFF, 0xD8, 0xFF],
                    b"%PDF-".to_vec(),
                    b"%PDF-1.7\n%%EOF\n".to_vec(),
                ]
                .choose(&mut self.rng)
                .unwrap()
                .clone();
                ("a header and nothing else", bytes, Due::Refused)
            }
            9 => {
                let (what, bytes) = self.active_pdf();
                (what, bytes, Due::Refused)
            }
            10 => {
                // The cross-reference table points nowhere; the script must be found anyway or
                // the file refused as damaged.
                let (_, mut bytes) = self.active_pdf();
                scramble_xref(&mut bytes);
                ("active pdf with a broken xref", bytes, Due::Refused)
            }
            11 => {
                let depth = self.rng.random_range(1_000..200_000);
                ("pdf nested without end", nested_pdf(depth), Due::Refused)
            }
            12 => {
                let declared = ["99999999999", "4294967296", "-1", "1e308", "2147483647"]
                    .choose(&mut self.rng)
                    .unwrap();
                (
                    "pdf of absurd declared length",
                    long_declared_pdf(declared),
                    Due::Refused,
                )
            }
            13 => {
                let mut bytes = app::intake::samples::one_page_pdf(|_| Vec::new());
                let at = self.rng.random_range(5..bytes.len() - 10);
                bytes.truncate(at);
                ("pdf cut short", bytes, Due::Refused)
            }
            14 => ("an empty file", Vec::new(), Due::Nothing),
            _ => {
                let mut bytes = b"%PDF-1.4\n".to_vec();
                bytes.extend(self.garbage_bytes(2000));
                bytes.extend_from_slice(b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
                ("pdf of random bytes", bytes, Due::Refused)
            }
        };
        Hostile { what, bytes, due }
    }

    /// A size no camera makes, or none at all.
    fn absurd_size(&mut self) -> (u32, u32) {
        *[
            (0, 0),
            (0, 1000),
            (65_535, 65_535),
            (100_000, 1),
            (1, 100_000),
            (12_000, 12_000),
            (8_161, 6_127),
            (2_147_483_647, 2_147_483_647),
            (u32::MAX, u32::MAX),
        ]
        .choose(&mut self.rng)
        .unwrap()
    }

    fn garbage_bytes(&mut self, max: usize) -> Vec<u8> {
        let len = self.rng.random_range(0..max);
        (0..len).map(|_| self.rng.random()).collect()
    }

    /// Flips a few bytes after the signature.
    fn garble(&mut self, bytes: &mut [u8], after: usize) {
        for _ in 0..self.rng.random_range(1..8) {
            let at = self
                .rng
                .random_range(after.min(bytes.len() - 1)..bytes.len());
            bytes[at] = self.rng.random();
        }
    }

    /// A well-formed PDF that runs a script, launches a program or carries a file.
    fn active_pdf(&mut self) -> (&'static str, Vec<u8>) {
        match self.rng.random_range(0..5) {
            0 => (
                "pdf opening with JavaScript",
                app::intake::samples::one_page_pdf(|_| {
                    vec![(
                        "OpenAction",
                        Object::Dictionary(dictionary! {
                            "S" => "JavaScript",
                            "JS" => Object::string_literal("app.alert(1)"),
                        }),
                    )]
                }),
            ),
            1 => (
                "pdf launching a program",
                app::intake::samples::one_page_pdf(|_| {
                    vec![(
                        "OpenAction",
                        Object::Dictionary(dictionary! {
                            "S" => "Launch",
                            "F" => Object::string_literal("cmd.exe"),
                        }),
                    )]
                }),
            ),
            2 => (
                "pdf carrying a file",
                app::intake::samples::one_page_pdf(|document| {
                    let file = document.add_object(Stream::new(
                        dictionary! { "Type" => "EmbeddedFile" },
                        b"MZ".to_vec(),
                    ));
                    let spec = document.add_object(dictionary! {
                        "Type" => "Filespec",
                        "F" => Object::string_literal("hoa-don.exe"),
                        "EF" => dictionary! { "F" => file },
                    });
                    let tree = vec![Object::string_literal("hoa-don.exe"), spec.into()];
                    vec![(
                        "Names",
                        Object::Dictionary(dictionary! {
                            "EmbeddedFiles" => dictionary! { "Names" => tree },
                        }),
                    )]
                }),
            ),
            3 => (
                "pdf with a script deep in its objects",
                app::intake::samples::one_page_pdf(|document| {
                    let script = document.add_object(dictionary! {
                        "S" => "JavaScript",
                        "JS" => Object::string_literal("this.exportDataObject()"),
                    });
                    let mut nested = Object::Reference(script);
                    for _ in 0..20 {
                        nested = Object::Array(vec![nested]);
                    }
                    vec![("AA", Object::Dictionary(dictionary! { "O" => nested }))]
                }),
            ),
            _ => (
                "pdf with a script in a stream's dictionary",
                app::intake::samples::one_page_pdf(|document| {
                    let stream = document.add_object(Stream::new(
                        dictionary! { "JS" => Object::string_literal("app.launchURL('x')") },
                        b"q Q".to_vec(),
                    ));
                    vec![("Metadata", Object::Reference(stream))]
                }),
            ),
        }
    }
}

/// Every offset of the cross-reference table moved to a place where no object starts.
fn scramble_xref(bytes: &mut [u8]) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let Some(xref) = text.rfind("\nxref") else {
        return;
    };
    for line_start in text[xref..]
        .match_indices('\n')
        .map(|(at, _)| xref + at + 1)
        .collect::<Vec<_>>()
    {
        let line = &text[line_start..];
        if line.len() > 18
            && line.as_bytes()[10] == b' '
            && line[..10].bytes().all(|b| b.is_ascii_digit())
        {
            bytes[line_start..line_start + 10].copy_from_slice(b"0000000003");
        }
    }
}

/// `[[[[…]]]]`, `depth` deep, as the catalog's value: a parser that recurses runs out of stack.
fn nested_pdf(depth: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Kids ".to_vec();
    bytes.extend(std::iter::repeat_n(b'[', depth));
    bytes.extend(std::iter::repeat_n(b']', depth));
    bytes.extend_from_slice(b" >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    bytes
}

/// A stream whose `/Length` says far more than the file holds.
fn long_declared_pdf(declared: &str) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let object = bytes.len();
    bytes.extend_from_slice(
        format!(
            "1 0 obj\n<< /Type /Catalog /Length {declared} >>\nstream\nabc\nendstream\nendobj\n"
        )
        .as_bytes(),
    );
    let xref = bytes.len();
    bytes.extend_from_slice(
        format!(
            "xref\n0 2\n0000000000 65535 f \n{object:010} 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    bytes
}

/// A PNG whose header declares `width` × `height`, followed by `body` as its only data.
fn png_declaring(width: u32, height: u32, body: &[u8]) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]); // 8 bits, RGBA
    png_chunk(&mut bytes, b"IHDR", &header);
    png_chunk(&mut bytes, b"IDAT", body);
    png_chunk(&mut bytes, b"IEND", &[]);
    bytes
}

fn png_chunk(bytes: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = bytes.len();
    bytes.extend_from_slice(kind);
    bytes.extend_from_slice(data);
    let crc = crc32(&bytes[start..]);
    bytes.extend_from_slice(&crc.to_be_bytes());
}

/// The IHDR of a PNG made by `small_png` rewritten to `width` × `height`, its checksum right.
fn set_png_size(bytes: &mut [u8], width: u32, height: u32) {
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A JPEG that starts as one, declares `width` × `height`, and has `body` for the rest.
fn jpeg_declaring(width: u16, height: u16, body: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8];
    // Start of frame: 8 bits, the size, one component.
    bytes.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08]);
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&[0x01, 0x01, 0x11, 0x00]);
    // Start of scan, then whatever follows.
    bytes.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

fn small_png(rng: &mut StdRng) -> Vec<u8> {
    encoded(rng, image::ImageFormat::Png)
}

fn small_jpeg(rng: &mut StdRng) -> Vec<u8> {
    encoded(rng, image::ImageFormat::Jpeg)
}

/// A real picture of a few dozen pixels a side, with some noise in it.
fn encoded(rng: &mut StdRng, format: image::ImageFormat) -> Vec<u8> {
    let (width, height) = (rng.random_range(8..64), rng.random_range(8..64));
    let mut picture = image::RgbImage::new(width, height);
    for pixel in picture.pixels_mut() {
        *pixel = image::Rgb([rng.random(), rng.random(), rng.random()]);
    }
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// What became of the documents posted, and the checks each answer passes.
#[derive(Default)]
pub(crate) struct Tally {
    pub posted: usize,
    pub refused: usize,
    pub kept: usize,
    pub by_what: BTreeMap<&'static str, usize>,
}

impl Tally {
    /// `reached`: how many pictures and PDFs the checks examined while the post was answered.
    pub(crate) async fn check(
        &mut self,
        site: &common::Site,
        cookie: &str,
        hostile: &Hostile,
        answer: &Answer,
        reached: (u64, u64),
    ) -> Result<(), String> {
        self.posted += 1;
        *self.by_what.entry(hostile.what).or_default() += 1;
        let should_reach = match hostile.due {
            Due::Nothing => (0, 0),
            _ if hostile.bytes.starts_with(b"%PDF-") => (0, 1),
            _ => (1, 0),
        };
        if reached != should_reach {
            return Err(format!(
                "reached the checks {reached:?} times (pictures, PDFs), not {should_reach:?}"
            ));
        }
        let to = answer
            .location()
            .or_else(|| answer.header("x-mc-dia-chi"))
            .ok_or_else(|| format!("no way on: {} {}", answer.status, answer.body))?
            .to_string();
        if hostile.due == Due::Nothing {
            return Ok(());
        }
        let code = cookie.trim_start_matches("mc_ho_so=");
        let draft = app::drafts::store::draft_by_code(&site.db, code)
            .await
            .map_err(|error| error.to_string())?
            .ok_or("the draft is gone")?;
        let kept = draft
            .answers
            .get(DOCUMENT_INPUT)
            .cloned()
            .unwrap_or_default();
        let Some(marker) = kept.strip_prefix('!') else {
            if hostile.due == Due::Refused {
                return Err(format!("kept as {kept:?}"));
            }
            self.kept += 1;
            return Ok(());
        };
        self.refused += 1;
        let step = app::paths::step_url(DOCUMENT_STEP, false, false);
        if !to.starts_with(&step) {
            return Err(format!("refused ({marker}), but sent to {to}"));
        }
        // The citizen reads why, in plain words, on the step (every few refusals: a page costs).
        if self.refused % 5 == 1 {
            let page = site.get(&to, Some(cookie)).await;
            let message = refusal_message(marker);
            if !page.body.contains(&message) {
                return Err(format!("the step does not say {message:?}: {}", page.body));
            }
        }
        Ok(())
    }
}

/// The Vietnamese message for a refused file's marker (`attachments::REFUSED_…`).
fn refusal_message(marker: &str) -> String {
    let key = match marker {
        "loai" => "rule.file_type",
        "lon" => "rule.file_size",
        "tong" => "rule.file_total",
        "anh" => "rule.file_pixels",
        "pdf" => "rule.file_active",
        other => panic!("an unknown refusal {other:?}"),
    };
    crate::common::vietnamese(key)
}
