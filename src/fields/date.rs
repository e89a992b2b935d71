//! Calendar dates (`2026-09-14`) for review dates, without a date-time library: the site needs days only.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::from_civil(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date of year, month (1-12) and day, if there is one (not 31 April).
    pub fn from_civil(y: i64, m: u32, d: u32) -> Option<Date> {
        let days_in_month = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&d).then(|| Date { days: days_from_civil(y, m, d) })
    }

    /// Today, by the system clock (UTC). Used only for warnings, never written into output.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date { days: i64::try_from(seconds / 86_400).unwrap_or(0) }
    }

    #[must_use]
    pub fn plus_days(self, days: u32) -> Date {
        Date { days: self.days + i64::from(days) }
    }

    /// The day of the week, 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> usize {
        usize::try_from((self.days + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// Year, month (1-12) and day.
    pub fn civil(self) -> (i64, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
        let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_prints_and_adds_days() {
        let date = Date::parse("2026-09-14").unwrap();
        assert_eq!(date.to_string(), "2026-09-14");
        assert_eq!(date.plus_days(365).to_string(), "2027-09-14");
        assert_eq!(Date::parse("2024-02-28").unwrap().plus_days(1).to_string(), "2024-02-29");
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("14/09/2026").is_none());
    }
}
