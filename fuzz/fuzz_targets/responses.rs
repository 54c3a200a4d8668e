#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| bts_fuzz::responses(data));
