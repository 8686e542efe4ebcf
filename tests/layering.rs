//! The layering rule: `app` (state and logic) never imports `ui` (drawing), so data flows one
//! way and the logic can be read and tested without the renderer. Also checked: `update`
//! decodes no images and the state holds no terminal picture.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_app_layer_never_imports_the_ui_or_decodes_images() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"),
        &mut files,
    );
    assert!(files.len() > 10, "found the app's files");
    let mut offences = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for banned in [
                "crate::ui",
                "super::ui",
                "yunhu_tui::ui",
                "ratatui_image",
                "image::load",
                "ImageReader",
            ] {
                if code.contains(banned) {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "app/ reaches into the renderer:\n{}",
        offences.join("\n")
    );
}
