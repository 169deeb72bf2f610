//! The `quote-unbalanced` check: a quotation mark that is never closed, or
//! a closing mark with no opening one. Needs no rule.

use crate::codes::Check;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::text::quotes::{Imbalance, Quotations};

pub(super) fn unbalanced_findings(doc: &Document, found: &Quotations) -> Vec<Finding> {
    found
        .unbalanced
        .iter()
        .map(|u| {
            let mark = u.mark.to_string();
            let (message, label, help) = match u.kind {
                Imbalance::UnmatchedClose => (
                    format!("closing quotation mark {mark} with no opening mark"),
                    "no opening mark before this one".to_string(),
                    "add the opening mark where the quoted words begin, or remove this one",
                ),
                Imbalance::NeverClosed => (
                    format!("quotation mark {mark} is never closed"),
                    "opened here, never closed".to_string(),
                    "close the quotation; if it runs on into the next paragraph, open that paragraph with a quotation mark",
                ),
            };
            Finding {
                suggestion: None,
                path: doc.source.path.clone(),
                check: Check::QuoteUnbalanced,
                rule: Check::QuoteUnbalanced.code().to_string(),
                severity: Severity::Warning,
                message,
                span: u.span.clone(),
                label,
                found: mark,
                expected: None,
                help: Some(help.to_string()),
                notes: Vec::new(),
                related: Vec::new(),
            }
        })
        .collect()
}
