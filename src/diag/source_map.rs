//! Byte offsets to 1-based line and column, for one file's text.

pub struct SourceMap<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap { text, line_starts }
    }

    /// 1-based line and column (column in characters, as an editor shows it).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        (line, column)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len())
    }

    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::SourceMap;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let map = SourceMap::new("ab\ncé d\n\nx");
        assert_eq!(map.line_col(0), (1, 1));
        assert_eq!(map.line_col(3), (2, 1));
        // `d` is byte 7 but character column 4, after the two-byte `é`
        assert_eq!(map.line_col(7), (2, 4));
        assert_eq!(map.line_text(2), "cé d");
        assert_eq!(map.line_text(3), "");
        assert_eq!(map.line_col(10), (4, 1));
    }
}
