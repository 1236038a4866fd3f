//! The daily chart simulation: each day, every chart (global + 72 countries) ranks the
//! released songs by appeal, fit to the country's taste, freshness and a smooth daily
//! rhythm, and keeps the top 50.

use rand::Rng;

use crate::countries::COUNTRIES;
use crate::random::JukeboxRng;

use super::catalog::{Home, Song};
use super::taste::{Taste, fit};

/// Songs per chart and day, as in the course data.
pub const CHART_SIZE: usize = 50;
/// Charts per day: the global chart (index 0) and one per country (index 1 + country index).
pub const N_CHARTS: usize = COUNTRIES.len() + 1;

/// One chart entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub song: u32,
    pub rank: u8,
    pub popularity: u8,
    pub daily_movement: i8,
    pub weekly_movement: i8,
}

/// One day's charts: `charts[0]` is global, `charts[1 + i]` is `COUNTRIES[i]`.
#[derive(Debug, Clone)]
pub struct Day {
    pub day: i32,
    pub charts: Vec<Vec<Entry>>,
}

/// Static part of each song's score per chart: appeal, home bonus and taste fit.
fn base_scores(songs: &[Song], country_tastes: &[Taste]) -> Vec<[f64; N_CHARTS]> {
    songs
        .iter()
        .map(|song| {
            let mut scores = [0.0f64; N_CHARTS];
            let international = matches!(song.home, Home::International(_));
            scores[0] = song.appeal + if international { 1.4 } else { 0.0 };
            for (i, country) in COUNTRIES.iter().enumerate() {
                let home_bonus = match song.home {
                    Home::Country(home) if home == i => 2.4,
                    Home::Country(_) if song.home.region() == country.region => 0.2,
                    Home::Country(_) => -1.2,
                    Home::International(region) if region == country.region => 1.2,
                    Home::International(_) => -0.1,
                };
                let score = song.appeal + home_bonus + 0.6 * fit(&song.taste, &country_tastes[i]);
                scores[1 + i] = score;
            }
            scores
        })
        .collect()
}

/// How fresh a song is `age_days` after release: a boost for new songs, a slow fade after.
fn freshness(age_days: i32) -> f64 {
    let age = f64::from(age_days);
    1.6 * (-age / 35.0).exp() - 0.8 * (age.min(365.0) / 365.0)
}

/// Per-song state on one day: its freshness and the sine and cosine of its rhythm's angle,
/// or `None` before the song's release.
type SongDay = Option<(f64, f64, f64)>;

/// Simulates `days` (ascending days since 1970-01-01) of all charts.
pub fn simulate(
    rng: &mut JukeboxRng,
    songs: &[Song],
    country_tastes: &[Taste],
    days: &[i32],
) -> Vec<Day> {
    let base = base_scores(songs, country_tastes);
    // Each song has its own slow rhythm (period 20-60 days) with a phase per chart:
    // sin(ωd + φ) = sin ωd·cos φ + cos ωd·sin φ, so the inner loop needs no `sin` call.
    let frequencies: Vec<f64> = songs
        .iter()
        .map(|_| std::f64::consts::TAU / rng.random_range(20.0..60.0))
        .collect();
    let phases: Vec<[(f64, f64); N_CHARTS]> = songs
        .iter()
        .map(|_| {
            std::array::from_fn(|_| {
                let phase: f64 = rng.random_range(0.0..std::f64::consts::TAU);
                (phase.cos(), phase.sin())
            })
        })
        .collect();
    let mut history = RankHistory::default();
    let mut out = Vec::with_capacity(days.len());
    let mut scored: Vec<(f64, u32)> = Vec::with_capacity(songs.len());
    for (d, &day) in days.iter().enumerate() {
        let song_days: Vec<SongDay> = songs
            .iter()
            .zip(&frequencies)
            .map(|(song, frequency)| {
                let age = day - song.release_day;
                (age >= 0).then(|| {
                    let (sin, cos) = (frequency * d as f64).sin_cos();
                    (freshness(age), sin, cos)
                })
            })
            .collect();
        let mut today = vec![[0u8; N_CHARTS]; songs.len()];
        let mut charts = Vec::with_capacity(N_CHARTS);
        for chart in 0..N_CHARTS {
            scored.clear();
            for (s, song_day) in song_days.iter().enumerate() {
                let Some((fresh, sin, cos)) = *song_day else {
                    continue;
                };
                let (cos_phase, sin_phase) = phases[s][chart];
                let rhythm = 0.6 * (sin * cos_phase + cos * sin_phase);
                let score = base[s][chart] + fresh + rhythm;
                scored.push((score, u32::try_from(s).unwrap_or(u32::MAX)));
            }
            let entries = top_n(&mut scored, CHART_SIZE)
                .iter()
                .enumerate()
                .map(|(r, &(score, song))| {
                    let rank = u8::try_from(r + 1).unwrap_or(u8::MAX);
                    today[song as usize][chart] = rank;
                    Entry {
                        song,
                        rank,
                        popularity: popularity(score, rng),
                        daily_movement: history.movement(1, song, chart, rank),
                        weekly_movement: history.movement(7, song, chart, rank),
                    }
                })
                .collect();
            charts.push(entries);
        }
        history.push(today);
        out.push(Day { day, charts });
    }
    out
}

/// Ranks of the last 7 days per song and chart (0 = not charted), newest last.
#[derive(Default)]
struct RankHistory {
    days: Vec<Vec<[u8; N_CHARTS]>>,
}

impl RankHistory {
    fn push(&mut self, today: Vec<[u8; N_CHARTS]>) {
        self.days.push(today);
        if self.days.len() > 7 {
            self.days.remove(0);
        }
    }

    /// Places gained since `back` days ago (positive = up); 0 for a song new to the chart,
    /// as in the Kaggle export.
    fn movement(&self, back: usize, song: u32, chart: usize, rank: u8) -> i8 {
        self.days
            .len()
            .checked_sub(back)
            .map(|i| self.days[i][song as usize][chart])
            .filter(|&previous| previous > 0)
            .map_or(0, |previous| {
                i8::try_from(i16::from(previous) - i16::from(rank)).unwrap_or(0)
            })
    }
}

/// The `n` best `(score, song)` pairs, best first (ties broken by song index).
fn top_n(scored: &mut [(f64, u32)], n: usize) -> Vec<(f64, u32)> {
    let better = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let n = n.min(scored.len());
    if n == 0 {
        return Vec::new();
    }
    if n < scored.len() {
        scored.select_nth_unstable_by(n - 1, better);
    }
    let mut top = scored[..n].to_vec();
    top.sort_unstable_by(better);
    top
}

/// Spotify-like popularity (0-100) from a chart score, with a little noise.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Clamped into 0..=100 first.
fn popularity(score: f64, rng: &mut JukeboxRng) -> u8 {
    let value = 62.0 + 9.0 * score + rng.random_range(-3.0..3.0);
    value.clamp(0.0, 100.0).round() as u8
}
