"""The pipeline: build a store from data/ (extract, map, load, infer, summarise, validate), ingest plans
into a built store, the inference and summary steps. The only layer that touches files and stores on
behalf of the CLI."""
