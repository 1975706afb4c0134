fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    match lopdf::Document::load_mem(&bytes) {
        Ok(doc) => {
            println!(
                "recovery {:?} encrypted {:?}",
                doc.xref_recovery,
                doc.encryption_state.is_some()
            );
            for (n, id) in doc.get_pages() {
                println!(
                    "page {n} {id:?}: {:?}",
                    doc.get_page_content_with_limit(id, 1 << 26)
                        .map(|c| String::from_utf8_lossy(&c[..c.len().min(200)]).to_string())
                );
                println!("  dict {:?}", doc.get_dictionary(id));
            }
            for (id, obj) in doc.objects.iter().take(12) {
                println!(
                    "{id:?}: {}",
                    format!("{obj:?}").chars().take(200).collect::<String>()
                );
            }
        }
        Err(e) => println!("error {e}"),
    }
}
