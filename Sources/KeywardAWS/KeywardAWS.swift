// KeywardAWS: see README.md.
