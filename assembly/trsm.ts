// (placeholder: kernels land here)
