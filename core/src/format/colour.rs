//! The colour scale of correlations: matplotlib's `RdYlBu`, as the correlation bars and the
//! heatmap chart draw it.

/// The colours of matplotlib's `RdYlBu` (the 11 classes of `ColorBrewer`), from −1 … to +1.
const RDYLBU: [(u8, u8, u8); 11] = [
    (0xa5, 0x00, 0x26),
    (0xd7, 0x30, 0x27),
    (0xf4, 0x6d, 0x43),
    (0xfd, 0xae, 0x61),
    (0xfe, 0xe0, 0x90),
    (0xff, 0xff, 0xbf),
    (0xe0, 0xf3, 0xf8),
    (0xab, 0xd9, 0xe9),
    (0x74, 0xad, 0xd1),
    (0x45, 0x75, 0xb4),
    (0x31, 0x36, 0x95),
];

/// The colour of correlation `r` (clamped to [−1, 1]) on a diverging red–yellow–blue scale:
/// −1 dark red, 0 pale yellow, +1 dark blue. Like matplotlib's `cm.RdYlBu((r + 1) / 2)`, it
/// picks one of 256 lookup entries, each interpolated linearly between the 11 anchors.
pub fn rdylbu_hex(r: f64) -> String {
    let (red, green, blue) = rdylbu_rgb(r);
    format!("#{red:02x}{green:02x}{blue:02x}")
}

/// [`rdylbu_hex`] as `(red, green, blue)`: the one colour scale of correlations, shared by
/// the correlation bars and the heatmap chart.
pub fn rdylbu_rgb(r: f64) -> (u8, u8, u8) {
    const LOOKUP_SIZE: f64 = 256.0;
    let t = if r.is_nan() {
        0.5
    } else {
        f64::midpoint(r.clamp(-1.0, 1.0), 1.0)
    };
    let entry = (t * LOOKUP_SIZE).floor().min(LOOKUP_SIZE - 1.0);
    let position = entry / (LOOKUP_SIZE - 1.0) * 10.0;
    let lower = position.floor().min(9.0);
    let fraction = position - lower;
    // `lower` is a whole number in 0..=9 by construction.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (a, b) = (RDYLBU[lower as usize], RDYLBU[lower as usize + 1]);
    let mix = |from: u8, to: u8| {
        let value = f64::from(from) + (f64::from(to) - f64::from(from)) * fraction;
        // A channel between two u8 values stays in 0..=255.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let byte = value.round() as u8;
        byte
    };
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}
