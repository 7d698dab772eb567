CREATE TABLE gate_broken (id integer PRIMARY KEY
