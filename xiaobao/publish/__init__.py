"""Putting the site online: the public address, precompressed files, server configuration."""
