//! The autosave's answer as JSON, read in the browser the way the islands read their props.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON like server_fn's own `Json`, but read from text: the islands' props are read with
/// `serde_json::from_str`, and reading a server function's answer from bytes as well would
/// put a second copy of the JSON parser into the citizen's download (docs/benchmarks.md).
pub struct JsonTextEncoding;

/// Receive a server function's answer as JSON in the body of a `POST` request.
pub type JsonText = Post<JsonTextEncoding>;

impl ContentType for JsonTextEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonTextEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        // Not UTF-8 is not JSON either: reading "" fails with serde_json's own error.
        serde_json::from_str(std::str::from_utf8(&bytes).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filing::AutosaveOutcome;

    #[test]
    fn the_browser_reads_the_autosave_answer_the_server_writes() {
        let saved = AutosaveOutcome::Saved {
            version: 3,
            saved_at: "09:41".into(),
        };
        let body = <JsonTextEncoding as Encodes<_>>::encode(&saved).unwrap();
        let read: AutosaveOutcome = JsonTextEncoding::decode(body).unwrap();
        assert_eq!(read, saved);
        let garbled = Bytes::from_static(b"\xff\xfe");
        assert!(<JsonTextEncoding as Decodes<AutosaveOutcome>>::decode(garbled).is_err());
    }
}
