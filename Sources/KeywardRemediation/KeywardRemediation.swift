// KeywardRemediation: see README.md.
