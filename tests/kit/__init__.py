"""The test kit shared by every folder of the suite: golden files, generated documents, faults on the fakes."""
