//! Adam as Keras 3 applies it: moments updated as `m += (g - m)(1 - β1)`,
//! `v += (g² - v)(1 - β2)`, then `w -= m · α / (√v + ε)` with the bias correction folded into
//! `α = lr · √(1 - β2^t) / (1 - β1^t)`, `t` counting steps from 1.

use super::Dense;

/// Adam's settings and first and second moments, one pair of buffers per weight and bias.
#[derive(Debug, Clone)]
pub struct Adam {
    learning_rate: f64,
    beta1: f64,
    beta2: f64,
    epsilon: f32,
    /// Steps taken so far.
    step: u64,
    /// `[m, v]` for each layer's weights and for its bias, in layer order.
    moments: Vec<[Vec<f32>; 2]>,
}

impl Adam {
    /// Zero moments shaped like `layers`.
    pub fn new(layers: &[Dense], learning_rate: f64, beta1: f64, beta2: f64, epsilon: f64) -> Adam {
        let moments = layers
            .iter()
            .flat_map(|layer| [layer.weights.len(), layer.bias.len()])
            .map(|len| [vec![0.0; len], vec![0.0; len]])
            .collect();
        Adam {
            learning_rate,
            beta1,
            beta2,
            // Keras keeps ε in the variables' dtype.
            #[allow(clippy::cast_possible_truncation)]
            epsilon: epsilon as f32,
            step: 0,
            moments,
        }
    }

    /// Counts a step and gives its coefficients, for [`AdamStep::apply`] on every parameter.
    pub fn begin_step(&mut self) -> AdamStep {
        self.step += 1;
        let t = i32::try_from(self.step).unwrap_or(i32::MAX);
        let alpha =
            self.learning_rate * (1.0 - self.beta2.powi(t)).sqrt() / (1.0 - self.beta1.powi(t));
        #[allow(clippy::cast_possible_truncation)] // the variables are f32, as in Keras
        AdamStep {
            alpha: alpha as f32,
            one_minus_b1: (1.0 - self.beta1) as f32,
            one_minus_b2: (1.0 - self.beta2) as f32,
            epsilon: self.epsilon,
        }
    }

    /// `[m, v]` for each layer's weights, then its bias, in layer order.
    pub fn moments_mut(&mut self) -> &mut [[Vec<f32>; 2]] {
        &mut self.moments
    }

    /// One step over every layer; `gradients` is shaped like `layers`.
    #[cfg(test)]
    pub fn update(&mut self, layers: &mut [Dense], gradients: &[Dense]) {
        let step = self.begin_step();
        let params = layers
            .iter_mut()
            .flat_map(|l| [&mut l.weights, &mut l.bias]);
        let grads = gradients.iter().flat_map(|g| [&g.weights, &g.bias]);
        for ((w, g), [m, v]) in params.zip(grads).zip(&mut self.moments) {
            step.apply(w, g, m, v);
        }
    }
}

/// One step's coefficients; each parameter's update depends only on its own gradient and
/// moments, so any split of the parameters gives the same bits.
#[derive(Debug, Clone, Copy)]
pub struct AdamStep {
    alpha: f32,
    one_minus_b1: f32,
    one_minus_b2: f32,
    epsilon: f32,
}

impl AdamStep {
    /// Updates the moments `m`, `v` and the parameters `w` from their gradients `g`
    /// (element-wise, so `simd128` lanes in wasm32 compute what the scalar loop does).
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    pub fn apply(&self, w: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32]) {
        let AdamStep {
            alpha,
            one_minus_b1,
            one_minus_b2,
            epsilon,
        } = *self;
        for (((w, &g), m), v) in w.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
            *m += (g - *m) * one_minus_b1;
            *v += (g * g - *v) * one_minus_b2;
            *w -= *m * alpha / (v.sqrt() + epsilon);
        }
    }
}
