//! Tests of j43-generators against the reference model, one module per area.

#[cfg(test)]
mod boundary;
#[cfg(test)]
mod common;
#[cfg(test)]
mod coverage;
#[cfg(test)]
mod exhaustive;
#[cfg(test)]
mod minimize;
#[cfg(test)]
mod properties;
