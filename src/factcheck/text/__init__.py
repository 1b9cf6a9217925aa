"""Text handling: normalisation, segmentation with exact offsets, quantities, language detection."""
