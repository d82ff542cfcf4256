import KeywardCLI

KeywardCommand.main()
