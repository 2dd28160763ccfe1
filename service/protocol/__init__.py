"""The SPARQL 1.1 Protocol: request parsing and the guard (``guard``), content negotiation and
serialisation (``results``), the service description and VoID (``describe``), one handler for every
method (``sparql``)."""
