//! Compiles `proto/yunhu.proto` with prost-build. The .proto is parsed by protox
//! (pure Rust), so building needs no `protoc` on the machine.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto/yunhu.proto");
    let descriptors = protox::compile(["proto/yunhu.proto"], ["proto"])?;
    prost_build::Config::new().compile_fds(descriptors)?;
    Ok(())
}
