use polars_core::prelude::*;

use super::*;

fn read(text: &str) -> DataFrame {
    read_csv("t.csv", text.as_bytes()).unwrap()
}

#[test]
fn smoke() {
    let df = read("a,b,c\n1,2.5,x\n2,,\"y,z\"\n");
    println!("{df}");
}
