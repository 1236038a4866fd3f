//! One batch through the network and back, on buffers allocated once for the largest batch.

use super::kernels::{
    activate, input_gradient, matmul_bias, softmax_rows, times_derivative, weight_gradient,
};
use super::{Dense, Network};

/// Each layer's outputs for up to `capacity` rows: activations, softmax probabilities last.
#[derive(Debug, Clone)]
pub struct Forward {
    capacity: usize,
    rows: usize,
    outputs: Vec<Vec<f32>>,
}

impl Forward {
    pub fn new(network: &Network, capacity: usize) -> Forward {
        let outputs = network
            .layers
            .iter()
            .map(|l| vec![0.0; capacity * l.n_out])
            .collect();
        Forward {
            capacity,
            rows: 0,
            outputs,
        }
    }

    /// Runs `input` (`rows × n_inputs`, at most `capacity` rows) through `network`.
    pub fn run(&mut self, network: &Network, input: &[f32]) {
        let n_inputs = network.n_inputs();
        self.rows = input.len() / n_inputs;
        debug_assert!(self.rows <= self.capacity, "batch larger than the buffers");
        let last = network.layers.len() - 1;
        for (l, layer) in network.layers.iter().enumerate() {
            let (before, after) = self.outputs.split_at_mut(l);
            let x = if l == 0 {
                input
            } else {
                &before[l - 1][..self.rows * layer.n_in]
            };
            let out = &mut after[0][..self.rows * layer.n_out];
            matmul_bias(x, layer.n_in, &layer.weights, &layer.bias, out);
            if l == last {
                softmax_rows(out, layer.n_out);
            } else {
                activate(network.activation, out);
            }
        }
    }

    /// Rows of the last run.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Class probabilities of the last run, `rows × n_classes`.
    pub fn probabilities(&self) -> &[f32] {
        let last = self.outputs.len() - 1;
        let n_classes = self.outputs[last].len() / self.capacity.max(1);
        &self.outputs[last][..self.rows * n_classes]
    }
}

/// Deltas and gradients of a batch, shaped like the network.
#[derive(Debug, Clone)]
pub struct Backward {
    deltas: Vec<Vec<f32>>,
    /// Mean gradients of the batch, one `Dense` per layer.
    pub gradients: Vec<Dense>,
}

impl Backward {
    pub fn new(network: &Network, capacity: usize) -> Backward {
        let deltas = network
            .layers
            .iter()
            .map(|l| vec![0.0; capacity * l.n_out])
            .collect();
        let gradients = network
            .layers
            .iter()
            .map(|l| Dense {
                n_in: l.n_in,
                n_out: l.n_out,
                weights: vec![0.0; l.weights.len()],
                bias: vec![0.0; l.bias.len()],
            })
            .collect();
        Backward { deltas, gradients }
    }

    /// Gradients of the mean cross-entropy of the batch `forward` last ran on `input`.
    pub fn run(&mut self, network: &Network, forward: &Forward, input: &[f32], labels: &[u32]) {
        let rows = forward.rows();
        let last = network.layers.len() - 1;
        let n_classes = network.layers[last].n_out;
        // Softmax and cross-entropy together: dL/dz = (p - onehot) / batch.
        #[allow(clippy::cast_precision_loss)]
        let inv_rows = 1.0 / rows as f32;
        let delta = &mut self.deltas[last][..rows * n_classes];
        for ((d_row, p_row), &label) in delta
            .chunks_exact_mut(n_classes)
            .zip(forward.probabilities().chunks_exact(n_classes))
            .zip(labels)
        {
            for (d, &p) in d_row.iter_mut().zip(p_row) {
                *d = p * inv_rows;
            }
            d_row[label as usize] -= inv_rows;
        }
        for l in (0..=last).rev() {
            let layer = &network.layers[l];
            let (before, after) = self.deltas.split_at_mut(l);
            let dz = &after[0][..rows * layer.n_out];
            let a = if l == 0 {
                input
            } else {
                &forward.outputs[l - 1][..rows * layer.n_in]
            };
            let grad = &mut self.gradients[l];
            weight_gradient(a, layer.n_in, dz, &mut grad.weights, &mut grad.bias);
            if l > 0 {
                let da = &mut before[l - 1][..rows * layer.n_in];
                input_gradient(dz, &layer.weights, layer.n_out, da);
                times_derivative(network.activation, a, da);
            }
        }
    }
}
