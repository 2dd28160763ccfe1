"""The pipeline: build a store from data/ (``build``: read the inputs in ``sources``, extract and map
plans in ``workers``, load the staging store through ``staging``, describe the shared entities,
infer, summarise, validate), ingest plans into a built store (``ingest``), the shared-entity,
inference and summary steps (``entities``, ``infer``, ``summary``)."""
