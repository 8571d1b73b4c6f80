"""Applied Topics and Tools: spectral representations, dispersion relations, unitarity, crossing, LSZ."""
