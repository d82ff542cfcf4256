// KeywardGit: see README.md.
