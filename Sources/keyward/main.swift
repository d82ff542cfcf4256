import KeywardCLI

await KeywardMain.run()
