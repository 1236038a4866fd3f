//! The 72 chart countries of the course data (ISO 3166-1 alpha-2, `AE` … `ZA`), their
//! numeric codes (for map outlines), English names and the broad region whose taste the demo data gives them.

use serde::{Deserialize, Serialize};

/// A broad listening region; the demo data gives each one its own taste in audio features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Region {
    LatinAmerica,
    Anglosphere,
    WesternEurope,
    Nordics,
    EasternEurope,
    MiddleEastNorthAfrica,
    Asia,
    SubSaharanAfrica,
}

impl Region {
    pub const ALL: [Region; 8] = [
        Region::LatinAmerica,
        Region::Anglosphere,
        Region::WesternEurope,
        Region::Nordics,
        Region::EasternEurope,
        Region::MiddleEastNorthAfrica,
        Region::Asia,
        Region::SubSaharanAfrica,
    ];
}

/// One chart country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (`FR`), as the course data names countries.
    pub code: &'static str,
    /// ISO 3166-1 numeric, three digits (`250`): world-atlas's ids for the country outlines.
    pub numeric: &'static str,
    pub name: &'static str,
    pub region: Region,
}

const fn c(
    code: &'static str,
    numeric: &'static str,
    name: &'static str,
    region: Region,
) -> Country {
    Country {
        code,
        numeric,
        name,
        region,
    }
}

use Region::{
    Anglosphere as ANG, Asia as ASI, EasternEurope as EEU, LatinAmerica as LAT,
    MiddleEastNorthAfrica as MNA, Nordics as NOR, SubSaharanAfrica as SSA, WesternEurope as WEU,
};

/// The 72 countries, sorted by code (the order of scikit-learn's `LabelEncoder`).
pub const COUNTRIES: [Country; 72] = [
    c("AE", "784", "United Arab Emirates", MNA),
    c("AR", "032", "Argentina", LAT),
    c("AT", "040", "Austria", WEU),
    c("AU", "036", "Australia", ANG),
    c("BE", "056", "Belgium", WEU),
    c("BG", "100", "Bulgaria", EEU),
    c("BO", "068", "Bolivia", LAT),
    c("BR", "076", "Brazil", LAT),
    c("BY", "112", "Belarus", EEU),
    c("CA", "124", "Canada", ANG),
    c("CH", "756", "Switzerland", WEU),
    c("CL", "152", "Chile", LAT),
    c("CO", "170", "Colombia", LAT),
    c("CR", "188", "Costa Rica", LAT),
    c("CZ", "203", "Czechia", EEU),
    c("DE", "276", "Germany", WEU),
    c("DK", "208", "Denmark", NOR),
    c("DO", "214", "Dominican Republic", LAT),
    c("EC", "218", "Ecuador", LAT),
    c("EE", "233", "Estonia", EEU),
    c("EG", "818", "Egypt", MNA),
    c("ES", "724", "Spain", WEU),
    c("FI", "246", "Finland", NOR),
    c("FR", "250", "France", WEU),
    c("GB", "826", "United Kingdom", ANG),
    c("GR", "300", "Greece", WEU),
    c("GT", "320", "Guatemala", LAT),
    c("HK", "344", "Hong Kong", ASI),
    c("HN", "340", "Honduras", LAT),
    c("HU", "348", "Hungary", EEU),
    c("ID", "360", "Indonesia", ASI),
    c("IE", "372", "Ireland", ANG),
    c("IL", "376", "Israel", MNA),
    c("IN", "356", "India", ASI),
    c("IS", "352", "Iceland", NOR),
    c("IT", "380", "Italy", WEU),
    c("JP", "392", "Japan", ASI),
    c("KR", "410", "South Korea", ASI),
    c("KZ", "398", "Kazakhstan", EEU),
    c("LT", "440", "Lithuania", EEU),
    c("LU", "442", "Luxembourg", WEU),
    c("LV", "428", "Latvia", EEU),
    c("MA", "504", "Morocco", MNA),
    c("MX", "484", "Mexico", LAT),
    c("MY", "458", "Malaysia", ASI),
    c("NG", "566", "Nigeria", SSA),
    c("NI", "558", "Nicaragua", LAT),
    c("NL", "528", "Netherlands", WEU),
    c("NO", "578", "Norway", NOR),
    c("NZ", "554", "New Zealand", ANG),
    c("PA", "591", "Panama", LAT),
    c("PE", "604", "Peru", LAT),
    c("PH", "608", "Philippines", ASI),
    c("PK", "586", "Pakistan", MNA),
    c("PL", "616", "Poland", EEU),
    c("PT", "620", "Portugal", WEU),
    c("PY", "600", "Paraguay", LAT),
    c("RO", "642", "Romania", EEU),
    c("SA", "682", "Saudi Arabia", MNA),
    c("SE", "752", "Sweden", NOR),
    c("SG", "702", "Singapore", ASI),
    c("SK", "703", "Slovakia", EEU),
    c("SV", "222", "El Salvador", LAT),
    c("TH", "764", "Thailand", ASI),
    c("TR", "792", "Turkey", MNA),
    c("TW", "158", "Taiwan", ASI),
    c("UA", "804", "Ukraine", EEU),
    c("US", "840", "United States", ANG),
    c("UY", "858", "Uruguay", LAT),
    c("VE", "862", "Venezuela", LAT),
    c("VN", "704", "Vietnam", ASI),
    c("ZA", "710", "South Africa", SSA),
];

/// The country with this ISO 3166-1 numeric code (`"250"`), if it is one of the 72.
pub fn by_numeric(numeric: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|country| country.numeric == numeric)
}

/// The country with this ISO code, if it is one of the 72.
pub fn by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES
        .binary_search_by(|country| country.code.cmp(code))
        .ok()
        .map(|i| &COUNTRIES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_and_unique() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(COUNTRIES.first().map(|c| c.code), Some("AE"));
        assert_eq!(COUNTRIES.last().map(|c| c.code), Some("ZA"));
    }

    #[test]
    fn every_region_has_countries() {
        for region in Region::ALL {
            assert!(COUNTRIES.iter().any(|c| c.region == region), "{region:?}");
        }
    }

    #[test]
    fn numeric_codes_are_three_digits_and_unique() {
        let mut numeric: Vec<&str> = COUNTRIES.iter().map(|c| c.numeric).collect();
        assert!(
            numeric
                .iter()
                .all(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
        );
        numeric.sort_unstable();
        numeric.dedup();
        assert_eq!(numeric.len(), COUNTRIES.len());
        assert_eq!(by_code("FR").map(|c| c.numeric), Some("250"));
        assert_eq!(by_code("AR").map(|c| c.numeric), Some("032"));
    }

    #[test]
    fn looks_up_by_code() {
        assert_eq!(by_code("JP").map(|c| c.name), Some("Japan"));
        assert!(by_code("XX").is_none());
    }
}
