from reader.demo.sitegen import main

main()
