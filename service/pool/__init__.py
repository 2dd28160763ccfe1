"""Where queries run: a pool of killable query processes over an embedded store (``worker``), the code
that runs inside them (``engine``) and cuts them off the network (``sandbox``); remote stores are
queried over HTTP."""
