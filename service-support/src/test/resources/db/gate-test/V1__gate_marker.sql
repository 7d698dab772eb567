CREATE TABLE gate_marker (id integer PRIMARY KEY);
