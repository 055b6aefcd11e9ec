//! The stylesheet and the islands' code in every page's `<head>`, drawn for a first paint on a
//! slow phone: the first page of a visit carries its stylesheet inline (one request fewer before
//! the question shows), later pages link the cached file; the wasm is asked for only once the
//! browser is idle, never preloaded beside the stylesheet (a 134 KB preload on a 1.6 Mbps link
//! held the question back by 0.8 s; docs/benchmarks.md).

use leptos::prelude::*;

/// Remembers that this browser has the stylesheet of this build (its hash): later pages link it.
const CSS_COOKIE: &str = "mc_css";

/// The names of this build's files, read once (cargo-leptos writes their hashes beside the
/// server binary).
#[derive(Debug, Default)]
struct Build {
    css_url: String,
    css_hash: String,
    /// The stylesheet's text; empty when it cannot be read (then every page links it).
    css: String,
    js_url: String,
    wasm_url: String,
}

impl Build {
    /// The files' addresses from cargo-leptos's hash file (empty: names without hashes).
    fn named(options: &LeptosOptions, hashes: &str) -> Build {
        let hash_of = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.trim().split_once(':')?;
                (file.trim() == kind).then(|| hash.trim().to_string())
            })
        };
        // Without cargo-leptos (LEPTOS_OUTPUT_NAME unset at build), wasm-bindgen's `_bg` name.
        let plain_wasm = option_env!("LEPTOS_OUTPUT_NAME").map_or("_bg", |_| "");
        let name = |kind: &str, plain: &str| match hash_of(kind) {
            Some(hash) => format!("{}.{hash}", options.output_name),
            None => format!("{}{plain}", options.output_name),
        };
        let pkg = format!("/{}", options.site_pkg_dir);
        Build {
            css_url: format!("{pkg}/{}.css", name("css", "")),
            css_hash: hash_of("css").unwrap_or_default(),
            css: String::new(),
            js_url: format!("{pkg}/{}.js", name("js", "")),
            wasm_url: format!("{pkg}/{}.wasm", name("wasm", plain_wasm)),
        }
    }
}

fn build(options: &LeptosOptions) -> &'static Build {
    static BUILD: std::sync::OnceLock<Build> = std::sync::OnceLock::new();
    BUILD.get_or_init(|| {
        let hashes = options
            .hash_files
            .then(|| {
                let beside = std::env::current_exe().ok()?.parent()?.to_path_buf();
                std::fs::read_to_string(beside.join(options.hash_file.as_ref())).ok()
            })
            .flatten()
            .unwrap_or_default();
        let mut build = Build::named(options, &hashes);
        let file = build
            .css_url
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let path = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(file);
        build.css = std::fs::read_to_string(path).unwrap_or_default();
        build
    })
}

/// Whether this request's browser already holds this build's stylesheet.
fn has_stylesheet(build: &Build) -> bool {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return true;
    };
    crate::cookies::value_in(&parts.headers, CSS_COOKIE).as_deref() == Some(build.css_hash.as_str())
}

/// The stylesheet: inline on a browser's first page (and remembered, with the file fetched when
/// the page is done, for the next pages), linked afterwards.
#[component]
pub fn Stylesheet(options: LeptosOptions) -> impl IntoView {
    let build = build(&options);
    if build.css.is_empty() || has_stylesheet(build) {
        return view! { <link rel="stylesheet" href=build.css_url.clone() /> }.into_any();
    }
    let secure = use_context::<crate::state::AppState>().is_some_and(|state| state.secure_cookies);
    crate::cookies::set(
        CSS_COOKIE,
        &build.css_hash,
        crate::cookies::Lifetime::Days(365),
        cookie::SameSite::Lax,
        secure,
    );
    view! {
        <style nonce=leptos::nonce::use_nonce() inner_html=build.css.clone()></style>
        <link rel="prefetch" href=build.css_url.clone() r#as="style" />
    }
    .into_any()
}

/// Hydrates the page's islands once the browser is idle, walking the page in order (an island's
/// children are handed to it as it hydrates), and lets `public/dieu-huong.js` hydrate those of a
/// page it brings in (`window.__hydrateIsland`).
const HYDRATE: &str = r#"((js, wasm) => {
  const go = () => import(js).then(async (mod) => {
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    const childrenOf = [];
    const island = async (element, id) => {
      const start = mod[id];
      if (!start) return console.warn(`no island ${id}`);
      const children = childrenOf[childrenOf.length - 1];
      if (children) children();
      await start(element);
    };
    const walk = async (node) => {
      for (const child of node.children) {
        if (child.localName === "leptos-island") {
          await island(child, child.dataset.component);
          await walk(child);
        } else if (child.localName === "leptos-children") {
          childrenOf.push(child.$$on_hydrate);
          await walk(child);
          childrenOf.pop();
        } else {
          await walk(child);
        }
      }
    };
    window.__hydrateIsland = island;
    await walk(document.body);
  });
  "requestIdleCallback" in window ? requestIdleCallback(go) : go();
})"#;

/// The islands' code, asked for at idle (no preload competes with the stylesheet).
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    let build = build(&options);
    // As Leptos's own HydrationScripts does for islands: only islands hydrate, not the page.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let call = format!("{HYDRATE}({:?}, {:?});", build.js_url, build.wasm_url);
    view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=call></script> }
}

#[cfg(test)]
mod tests {
    use super::Build;
    use leptos::prelude::LeptosOptions;

    fn options() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("mot-cua")
            .site_pkg_dir("pkg")
            .build()
    }

    #[test]
    fn a_release_build_s_files_are_named_by_their_hashes() {
        let build = Build::named(&options(), "js: 11aa\nwasm: 22bb\ncss: 33cc\n");
        assert_eq!(build.css_url, "/pkg/mot-cua.33cc.css");
        assert_eq!(build.css_hash, "33cc");
        assert_eq!(build.js_url, "/pkg/mot-cua.11aa.js");
        assert_eq!(build.wasm_url, "/pkg/mot-cua.22bb.wasm");
    }

    #[test]
    fn without_hashes_the_plain_names_are_used() {
        let build = Build::named(&options(), "");
        assert_eq!(build.css_url, "/pkg/mot-cua.css");
        assert_eq!(build.js_url, "/pkg/mot-cua.js");
        assert!(
            build.wasm_url.starts_with("/pkg/mot-cua"),
            "{}",
            build.wasm_url
        );
        assert!(build.css_hash.is_empty());
    }
}
