//! Designs by construction for j43.
