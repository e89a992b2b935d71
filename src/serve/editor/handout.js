// The handout builder: see handout.rs.
