"""Resume files into sections: lines with their layout in reading order, labelled and cut (notebook 06)."""
