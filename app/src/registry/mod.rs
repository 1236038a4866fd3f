//! The browser side of model registries: endpoints in `localStorage` and their tokens in
//! `sessionStorage` only (`endpoints`), the core's registry requests made with `fetch`
//! (`http`), and a push driven step by step with its progress saved to the run (`driver`).

pub mod driver;
pub mod endpoints;
pub mod http;
