//! The 72 chart countries of the course data (ISO 3166-1 alpha-2, `AE` … `ZA`), their
//! English names and the broad region whose taste the demo data gives them.

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
    pub code: &'static str,
    pub name: &'static str,
    pub region: Region,
}

const fn c(code: &'static str, name: &'static str, region: Region) -> Country {
    Country { code, name, region }
}

use Region::{
    Anglosphere as ANG, Asia as ASI, EasternEurope as EEU, LatinAmerica as LAT,
    MiddleEastNorthAfrica as MNA, Nordics as NOR, SubSaharanAfrica as SSA, WesternEurope as WEU,
};

/// The 72 countries, sorted by code (the order of scikit-learn's `LabelEncoder`).
pub const COUNTRIES: [Country; 72] = [
    c("AE", "United Arab Emirates", MNA),
    c("AR", "Argentina", LAT),
    c("AT", "Austria", WEU),
    c("AU", "Australia", ANG),
    c("BE", "Belgium", WEU),
    c("BG", "Bulgaria", EEU),
    c("BO", "Bolivia", LAT),
    c("BR", "Brazil", LAT),
    c("BY", "Belarus", EEU),
    c("CA", "Canada", ANG),
    c("CH", "Switzerland", WEU),
    c("CL", "Chile", LAT),
    c("CO", "Colombia", LAT),
    c("CR", "Costa Rica", LAT),
    c("CZ", "Czechia", EEU),
    c("DE", "Germany", WEU),
    c("DK", "Denmark", NOR),
    c("DO", "Dominican Republic", LAT),
    c("EC", "Ecuador", LAT),
    c("EE", "Estonia", EEU),
    c("EG", "Egypt", MNA),
    c("ES", "Spain", WEU),
    c("FI", "Finland", NOR),
    c("FR", "France", WEU),
    c("GB", "United Kingdom", ANG),
    c("GR", "Greece", WEU),
    c("GT", "Guatemala", LAT),
    c("HK", "Hong Kong", ASI),
    c("HN", "Honduras", LAT),
    c("HU", "Hungary", EEU),
    c("ID", "Indonesia", ASI),
    c("IE", "Ireland", ANG),
    c("IL", "Israel", MNA),
    c("IN", "India", ASI),
    c("IS", "Iceland", NOR),
    c("IT", "Italy", WEU),
    c("JP", "Japan", ASI),
    c("KR", "South Korea", ASI),
    c("KZ", "Kazakhstan", EEU),
    c("LT", "Lithuania", EEU),
    c("LU", "Luxembourg", WEU),
    c("LV", "Latvia", EEU),
    c("MA", "Morocco", MNA),
    c("MX", "Mexico", LAT),
    c("MY", "Malaysia", ASI),
    c("NG", "Nigeria", SSA),
    c("NI", "Nicaragua", LAT),
    c("NL", "Netherlands", WEU),
    c("NO", "Norway", NOR),
    c("NZ", "New Zealand", ANG),
    c("PA", "Panama", LAT),
    c("PE", "Peru", LAT),
    c("PH", "Philippines", ASI),
    c("PK", "Pakistan", MNA),
    c("PL", "Poland", EEU),
    c("PT", "Portugal", WEU),
    c("PY", "Paraguay", LAT),
    c("RO", "Romania", EEU),
    c("SA", "Saudi Arabia", MNA),
    c("SE", "Sweden", NOR),
    c("SG", "Singapore", ASI),
    c("SK", "Slovakia", EEU),
    c("SV", "El Salvador", LAT),
    c("TH", "Thailand", ASI),
    c("TR", "Turkey", MNA),
    c("TW", "Taiwan", ASI),
    c("UA", "Ukraine", EEU),
    c("US", "United States", ANG),
    c("UY", "Uruguay", LAT),
    c("VE", "Venezuela", LAT),
    c("VN", "Vietnam", ASI),
    c("ZA", "South Africa", SSA),
];

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
    fn looks_up_by_code() {
        assert_eq!(by_code("JP").map(|c| c.name), Some("Japan"));
        assert!(by_code("XX").is_none());
    }
}
