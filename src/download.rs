//! Saving bytes as a file download: a `Blob` behind an object URL, clicked through a temporary
//! `<a download>`. The one place the app hands a file to the browser.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as a file called `name` of type `mime`.
pub fn save(bytes: &[u8], name: &str, mime: &str) -> Result<(), String> {
    let failed = |what: &str| format!("Файл «{name}» не сохранён: {what}");
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| failed("браузер не создал файл"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| failed("нет ссылки на файл"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| failed("нет документа"))?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed("нет ссылки"))?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The click has handed the blob to the download; the URL is no longer needed.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
