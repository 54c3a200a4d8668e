//! Small valid PDFs: the shipping labels and stickers.

/// A small, valid one-page PDF: the shipping label naming the order id and barcode.
pub(crate) fn label_pdf(order_id: i64, barcode: &str) -> Vec<u8> {
    pdf(&[vec![
        "BTS Express".to_owned(),
        format!("Order {order_id}"),
        format!("Barcode {barcode}"),
        "Sandbox label".to_owned(),
    ]])
}

/// Escapes text for a PDF string literal (Helvetica's WinAnsi range; other characters become
/// `?`).
fn pdf_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// A valid PDF with one 100 × 60 mm page per entry of `pages`; each page shows its lines, the
/// first one larger (the title).
pub(crate) fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
    let n = pages.len().max(1);
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let empty = Vec::new();
    for i in 0..n {
        let lines = pages.get(i).unwrap_or(&empty);
        let mut text = String::from("BT /F1 16 Tf 20 130 Td");
        for (j, line) in lines.iter().enumerate() {
            if j == 1 {
                text.push_str(" /F1 12 Tf 0 -28 Td");
            } else if j > 1 {
                text.push_str(" 0 -20 Td");
            }
            text.push_str(&format!(" ({}) Tj", pdf_text(line)));
        }
        text.push_str(" ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 283 170] /Contents {} 0 R \
             /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len()
        ));
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_is_well_formed() {
        let pdf = label_pdf(229_234, "60000006106");
        let s = String::from_utf8(pdf).unwrap();
        assert!(s.starts_with("%PDF-1.4"));
        assert!(s.contains("Order 229234"));
        assert!(s.ends_with("%%EOF\n"));
        let xref: usize = s.lines().rev().nth(1).unwrap().parse().unwrap();
        assert!(s[xref..].starts_with("xref"));
        // Every xref offset points at its object.
        let table: Vec<usize> = s[xref..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .map(|l| l[..10].parse().unwrap())
            .collect();
        assert_eq!(table.len(), 5);
        for (i, off) in table.iter().enumerate() {
            assert!(s[*off..].starts_with(&format!("{} 0 obj", i + 1)));
        }
        let many = super::pdf(&[vec!["A (1)".into()], vec!["B".into()], vec!["Ц".into()]]);
        let m = String::from_utf8(many).unwrap();
        assert!(m.contains("/Count 3") && m.contains("(A \\(1\\)) Tj") && m.contains("(?) Tj"));
    }
}
