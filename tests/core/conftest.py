import pytest

from .servers import Server, collect_static, manage, production_env, scratch_database


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic's output (hashed, compressed files), made once for every server."""
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def scratch_database_url(tmp_path):
    with scratch_database(tmp_path) as url:
        yield url


@pytest.fixture
def server_env(scratch_database_url, static_root):
    return production_env(scratch_database_url, static_root)


@pytest.fixture
def start_servers(server_env, tmp_path, static_root):
    collect_static(server_env, static_root)
    servers = []

    def start(*names):
        started = [Server(server_env, tmp_path, name) for name in names]
        servers.extend(started)
        for server in started:
            server.wait_until_up()
        return started

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory, static_root):
    """One gunicorn on a migrated scratch database, shared by a module's read-only tests."""
    folder = tmp_path_factory.mktemp("server")
    with scratch_database(folder) as url:
        env = production_env(url, static_root)
        collect_static(env, static_root)
        manage(env, "migrate", "--noinput", "-v", "0")
        server = Server(env, folder, "shared")
        try:
            server.wait_until_up()
            yield server
        finally:
            server.stop()
