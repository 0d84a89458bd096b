//! Library code behind the j43 fuzz targets, which stay thin: invariants and disagreement files.

mod invariants;

pub use invariants::well_formed;
