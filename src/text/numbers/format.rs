//! Numbers and quantities written back out: thousands separators, rounding,
//! normalised readings for messages ("3,200 km", "USD 400 billion").

use super::units::{Magnitude, Unit};

/// `value` with thousands separators and `decimals` decimals, rounded half
/// away from zero ("3,218.7").
pub fn format_number(value: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    // Nudge ties that floating point left just below the half.
    let scaled = value * scale;
    let rounded = (scaled + scaled.signum() * scaled.abs() * 1e-12).round() / scale;
    let text = format!("{:.*}", decimals, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Decimals needed to show `value` exactly, at most `wanted`.
fn decimals_for(value: f64, wanted: usize) -> usize {
    let mut d = 0;
    while d < wanted
        && ((value * 10f64.powi(d as i32)).round() - value * 10f64.powi(d as i32)).abs() > 1e-6
    {
        d += 1;
    }
    d
}

/// A normalised reading of a value in a unit: "3,200 km", "USD 400
/// billion", "12 days", "2012".
pub fn format_quantity(value: f64, unit: &Unit, decimals: usize) -> String {
    let plural = (value - 1.0).abs() > f64::EPSILON;
    match unit {
        Unit::CalendarYear => format_number(value, 0).replace(',', ""),
        Unit::Currency(code) => {
            let abs = value.abs();
            let exponent = [12, 9, 6].into_iter().find(|e| abs >= 10f64.powi(*e));
            match exponent {
                Some(e) => {
                    let v = value / 10f64.powi(e);
                    let d = decimals_for(v, 3);
                    format!("{code} {} {}", format_number(v, d), Magnitude::word(e))
                }
                None => format!("{code} {}", format_number(value, decimals_for(value, 2))),
            }
        }
        _ => format!(
            "{} {}",
            format_number(value, decimals_for(value, 3).min(decimals)),
            unit.display(plural)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_number(3218.688, 0), "3,219");
        assert_eq!(format_number(367.25, 1), "367.3");
        assert_eq!(format_number(100.0 * 3.6725, 1), "367.3");
        assert_eq!(format_quantity(3200.0, &Unit::Km, 0), "3,200 km");
        assert_eq!(
            format_quantity(400e9, &Unit::Currency("USD".into()), 0),
            "USD 400 billion"
        );
        assert_eq!(
            format_quantity(467.3e9, &Unit::Currency("AED".into()), 1),
            "AED 467.3 billion"
        );
        assert_eq!(format_quantity(12.0, &Unit::Day, 0), "12 days");
        assert_eq!(format_quantity(2012.0, &Unit::CalendarYear, 0), "2012");
    }
}
