//! `sinew new <collection> "<Title>"`: writes a new entry with the fields its collection expects.

use crate::diag::print_one;
use std::path::Path;

pub(super) fn run(root: &Path, collection_name: &str, title: &str) -> bool {
    match crate::edit::create(root, collection_name, title) {
        Ok(path) => {
            println!("{}", path.display());
            true
        }
        Err(error) => {
            print_one(error);
            false
        }
    }
}
