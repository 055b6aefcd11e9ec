//! What an uploaded file really is, from its content: a photo that decodes within what a phone
//! camera makes, or a PDF whose structure parses and carries nothing that runs.
//!
//! Decoding is the costly part (a 140 KB PNG of zeros can claim 144 million pixels), so the
//! size is read from the header first, and every decode runs on a blocking thread inside one
//! memory budget shared by the whole process.

use std::io::Cursor;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Semaphore;

/// What a phone camera makes at most (a 50 MP sensor, 8160 × 6120); anything larger is refused
/// from its header, before a single pixel is decoded.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Decoded bytes per pixel we plan for (RGBA, 8 bits): a photo may allocate no more than this
/// times the pixels its header declares.
const BYTES_PER_PIXEL: u64 = 4;
/// Memory all decodes together may hold, in MiB: one 50 MP photo, or several ordinary ones.
const DECODE_BUDGET_MIB: u32 = 256;
/// Permits are MiB of decoded memory, so eight bombs decode one after another, never together.
static DECODES: Semaphore = Semaphore::const_new(DECODE_BUDGET_MIB as usize);
/// What a PDF's compressed streams may inflate to while its structure is read.
const MAX_PDF_INFLATED: usize = 32 * 1024 * 1024;
/// The budget a PDF's parsing takes (its bytes, parsed objects and inflated object streams).
const PDF_MIB: u32 = 64;

/// Files whose content was examined since the process started: pictures whose header was read
/// (and, within the limit, decoded), PDFs whose structure was parsed. The fuzz tests show them,
/// so their figures prove the hostile files reached the checks.
static PICTURES_CHECKED: AtomicU64 = AtomicU64::new(0);
static PDFS_CHECKED: AtomicU64 = AtomicU64::new(0);

/// How many files reached the picture decoder and the PDF parser, in that order.
pub fn files_checked() -> (u64, u64) {
    (
        PICTURES_CHECKED.load(Ordering::Relaxed),
        PDFS_CHECKED.load(Ordering::Relaxed),
    )
}

/// The verdict on a file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A photo or PDF that can be kept.
    Whole,
    /// Not a photo or PDF, or a damaged one.
    NotWhole,
    /// A photo larger than any phone camera makes.
    TooManyPixels,
    /// A PDF carrying JavaScript, a launch action or attached files.
    ActivePdf,
}

/// What a file really is, from its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("pdf")
    } else {
        None
    }
}

/// Checks `bytes` (of the type `sniff` found) and gives them back with the verdict.
pub async fn check(bytes: Vec<u8>, extension: &'static str) -> (Vec<u8>, Verdict) {
    let mib = if extension == "pdf" {
        PDFS_CHECKED.fetch_add(1, Ordering::Relaxed);
        PDF_MIB
    } else {
        PICTURES_CHECKED.fetch_add(1, Ordering::Relaxed);
        match image_size(&bytes, extension) {
            Ok(pixels) => mib_for(pixels),
            Err(verdict) => return (bytes, verdict),
        }
    };
    // The semaphore is never closed, so acquiring only waits.
    let Ok(_permit) = DECODES.acquire_many(mib).await else {
        return (bytes, Verdict::NotWhole);
    };
    let checked = tokio::task::spawn_blocking(move || {
        let verdict = if extension == "pdf" {
            pdf_verdict(&bytes)
        } else {
            image_verdict(&bytes, extension)
        };
        (bytes, verdict)
    })
    .await;
    checked.unwrap_or_else(|_| (Vec::new(), Verdict::NotWhole))
}

fn format_of(extension: &str) -> image::ImageFormat {
    if extension == "png" {
        image::ImageFormat::Png
    } else {
        image::ImageFormat::Jpeg
    }
}

/// The pixels an image declares in its header, read without decoding it.
fn image_size(bytes: &[u8], extension: &str) -> Result<u64, Verdict> {
    let reader = image::ImageReader::with_format(Cursor::new(bytes), format_of(extension));
    let (width, height) = reader.into_dimensions().map_err(|_| Verdict::NotWhole)?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(Verdict::TooManyPixels);
    }
    Ok(pixels)
}

/// The decode budget a photo of `pixels` takes, in MiB (at least one).
fn mib_for(pixels: u64) -> u32 {
    let mib = (pixels * BYTES_PER_PIXEL).div_ceil(1024 * 1024) + 1;
    u32::try_from(mib)
        .unwrap_or(u32::MAX)
        .min(DECODE_BUDGET_MIB)
}

/// An image must decode whole, allocating no more than its declared pixels need.
fn image_verdict(bytes: &[u8], extension: &str) -> Verdict {
    let Ok(pixels) = image_size(bytes, extension) else {
        return Verdict::NotWhole;
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format_of(extension));
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(u64::from(mib_for(pixels)) * 1024 * 1024);
    reader.limits(limits);
    match reader.decode() {
        Ok(_) => Verdict::Whole,
        Err(image::ImageError::Limits(_)) => Verdict::TooManyPixels,
        Err(_) => Verdict::NotWhole,
    }
}

/// A PDF must end as one does, parse, and hold a page (a scan of a paper has one); then nothing
/// in it may run or carry other files.
fn pdf_verdict(bytes: &[u8]) -> Verdict {
    let ends = bytes[bytes.len().saturating_sub(1024)..]
        .windows(5)
        .any(|window| window == b"%%EOF");
    let options = lopdf::LoadOptions::with_max_decompressed_size(MAX_PDF_INFLATED);
    let document = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(document) if ends => document,
        _ => return Verdict::NotWhole,
    };
    if document.page_iter().next().is_none() {
        return Verdict::NotWhole;
    }
    let active = document
        .trailer
        .iter()
        .any(|(key, value)| active_key(key) || active_object(value))
        || document.objects.values().any(active_object);
    if active {
        Verdict::ActivePdf
    } else {
        Verdict::Whole
    }
}

/// Keys of what runs or carries files: scripts, launch actions, attached files.
fn active_key(key: &[u8]) -> bool {
    matches!(
        key,
        b"JS" | b"JavaScript" | b"Launch" | b"EmbeddedFile" | b"EmbeddedFiles" | b"EF"
    )
}

fn active_object(object: &lopdf::Object) -> bool {
    use lopdf::Object;
    match object {
        Object::Name(name) => {
            matches!(name.as_slice(), b"JavaScript" | b"Launch" | b"EmbeddedFile")
        }
        Object::Array(items) => items.iter().any(active_object),
        Object::Dictionary(dictionary) => active_dictionary(dictionary),
        Object::Stream(stream) => active_dictionary(&stream.dict),
        _ => false,
    }
}

fn active_dictionary(dictionary: &lopdf::Dictionary) -> bool {
    dictionary
        .iter()
        .any(|(key, value)| active_key(key) || active_object(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::samples::one_page_pdf as pdf;
    use lopdf::{Document, Object, Stream, dictionary};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::DynamicImage::new_luma8(width, height)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn files_are_known_by_their_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("jpg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("pdf"));
        assert_eq!(sniff(b"<svg xmlns="), None);
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[tokio::test]
    async fn only_whole_files_are_kept() {
        let photo = png(2, 2);
        assert_eq!(check(photo.clone(), "png").await.1, Verdict::Whole);
        let cut = photo[..photo.len() / 2].to_vec();
        assert_eq!(check(cut, "png").await.1, Verdict::NotWhole);
        let fake = b"\xFF\xD8\xFF\xE0 not really a photo".to_vec();
        assert_eq!(check(fake, "jpg").await.1, Verdict::NotWhole);
        let plain = pdf(|_| Vec::new());
        assert_eq!(check(plain.clone(), "pdf").await.1, Verdict::Whole);
        let cut = plain[..plain.len() - 40].to_vec();
        assert_eq!(check(cut, "pdf").await.1, Verdict::NotWhole);
        let only_looks = b"%PDF-1.7\n...\n%%EOF\n".to_vec();
        assert_eq!(check(only_looks, "pdf").await.1, Verdict::NotWhole);
        // A structure that parses but holds no page is no scan of a paper.
        let mut pageless = Document::with_version("1.5");
        let catalog = pageless.add_object(dictionary! { "Type" => "Catalog" });
        pageless.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        pageless.save_to(&mut bytes).unwrap();
        assert_eq!(check(bytes, "pdf").await.1, Verdict::NotWhole);
    }

    /// 144 million pixels in ~140 KB: refused from the header, in far less time than a decode
    /// (which would allocate 144 MB or more).
    #[tokio::test]
    async fn a_picture_larger_than_any_camera_makes_is_refused_before_decoding() {
        let bomb = png(12_000, 12_000);
        assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
        let started = std::time::Instant::now();
        let (_, verdict) = check(bomb, "png").await;
        assert_eq!(verdict, Verdict::TooManyPixels);
        assert!(started.elapsed() < std::time::Duration::from_millis(200));
        // An ordinary picture passes the header check.
        assert_eq!(image_size(&png(300, 200), "png"), Ok(300 * 200));
    }

    #[test]
    fn a_decode_may_allocate_only_what_its_pixels_need() {
        assert_eq!(mib_for(2 * 2), 2);
        assert_eq!(mib_for(12_000_000), 47);
        assert!(mib_for(MAX_PIXELS) <= DECODE_BUDGET_MIB);
    }

    #[tokio::test]
    async fn a_pdf_that_runs_something_or_carries_files_is_refused() {
        let script = pdf(|_| {
            vec![(
                "OpenAction",
                Object::Dictionary(dictionary! {
                    "S" => "JavaScript",
                    "JS" => Object::string_literal("app.alert(1)"),
                }),
            )]
        });
        let launch = pdf(|_| {
            vec![(
                "OpenAction",
                Object::Dictionary(dictionary! {
                    "S" => "Launch",
                    "F" => Object::string_literal("cmd.exe"),
                }),
            )]
        });
        let attached = pdf(|document| {
            let file = document.add_object(Stream::new(
                dictionary! { "Type" => "EmbeddedFile" },
                b"MZ".to_vec(),
            ));
            let spec = document.add_object(dictionary! {
                "Type" => "Filespec",
                "F" => Object::string_literal("a.exe"),
                "EF" => dictionary! { "F" => file },
            });
            let tree = vec![Object::string_literal("a.exe"), spec.into()];
            vec![(
                "Names",
                Object::Dictionary(dictionary! {
                    "EmbeddedFiles" => dictionary! { "Names" => tree },
                }),
            )]
        });
        for (what, bytes) in [("script", script), ("launch", launch), ("file", attached)] {
            assert_eq!(check(bytes, "pdf").await.1, Verdict::ActivePdf, "{what}");
        }
    }
}
