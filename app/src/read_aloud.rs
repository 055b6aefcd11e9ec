//! Read-aloud: a "Nghe" (listen) button that reads a question and its hint with the browser's own
//! speech synthesis, in the page's language. It appears only once the browser shows it has a voice
//! for that language (voices often arrive late: `voiceschanged`); without one, or without
//! JavaScript, there is no button, and nothing of it is needed to fill in a form.

use leptos::prelude::*;

/// The text a question is read as: its sentences joined, each ending with a stop so that the
/// voice pauses between them.
pub fn spoken(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .map(|part| {
            if part.ends_with(['.', '?', '!', ':', '…']) {
                part
            } else {
                format!("{part}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The button: `text` is read in `lang` (a BCP 47 tag such as "vi-VN") when pressed.
// An island in the real build; a plain component in the full-hydration measurement build.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn ReadAloud(text: String, lang: String, label: String) -> impl IntoView {
    let available = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    client::watch_voices(lang.clone(), available);
    let read = move |_| {
        #[cfg(feature = "hydrate")]
        client::speak(&text, &lang);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&text, &lang);
    };
    view! { <ListenButton label available on_click=read /> }
}

/// The look of every listen button (also the error summary's "Nghe lỗi").
#[component]
pub fn ListenButton(
    label: String,
    available: RwSignal<bool>,
    on_click: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <button type="button" class="button button--secondary button--small listen"
            hidden=move || !available.get() on:click=on_click>
            <span class="listen__icon" aria-hidden="true">"🔊"</span>
            {label}
        </button>
    }
}

#[cfg(feature = "hydrate")]
pub mod client {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

    fn synthesis() -> Option<SpeechSynthesis> {
        web_sys::window()?.speech_synthesis().ok()
    }

    /// A voice whose language is the page's ("vi-VN" matches "vi", "vi_VN", "vi-VN").
    fn voice_for(synthesis: &SpeechSynthesis, lang: &str) -> Option<SpeechSynthesisVoice> {
        let wanted = lang.split('-').next()?.to_ascii_lowercase();
        synthesis
            .get_voices()
            .iter()
            .map(|voice| voice.unchecked_into::<SpeechSynthesisVoice>())
            .find(|voice| {
                let tag = voice.lang().to_ascii_lowercase().replace('_', "-");
                tag.split('-').next() == Some(wanted.as_str())
            })
    }

    /// Shows the button as soon as a voice for `lang` is there, now or when the list changes.
    pub fn watch_voices(lang: String, available: RwSignal<bool>) {
        let Some(synthesis) = synthesis() else {
            return;
        };
        let check = {
            let synthesis = synthesis.clone();
            move || available.set(voice_for(&synthesis, &lang).is_some())
        };
        // After hydration: the server drew the button hidden, and hydration keeps what it drew.
        let first = check.clone();
        request_animation_frame(first);
        let listener = Closure::<dyn Fn()>::new(check);
        let _ = synthesis
            .add_event_listener_with_callback("voiceschanged", listener.as_ref().unchecked_ref());
        // One listener per button for the life of the page.
        listener.forget();
    }

    /// Reads `text` aloud, interrupting whatever was being read.
    pub fn speak(text: &str, lang: &str) {
        let Some(synthesis) = synthesis() else {
            return;
        };
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) else {
            return;
        };
        utterance.set_lang(lang);
        if let Some(voice) = voice_for(&synthesis, lang) {
            utterance.set_voice(Some(&voice));
        }
        synthesis.cancel();
        synthesis.speak(&utterance);
    }
}

#[cfg(test)]
mod tests {
    use super::spoken;

    #[test]
    fn sentences_are_separated_by_stops() {
        assert_eq!(
            spoken([
                "Họ và tên của trẻ là gì?".to_string(),
                " Viết có dấu ".to_string(),
                String::new(),
                "Ví dụ: Nguyễn Văn A.".to_string(),
            ]),
            "Họ và tên của trẻ là gì? Viết có dấu. Ví dụ: Nguyễn Văn A."
        );
    }
}
