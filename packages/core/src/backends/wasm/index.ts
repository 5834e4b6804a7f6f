// PLACEHOLDER: the WebAssembly SIMD backend is being written. Public wasm-backend API is exported from here.
export {};
