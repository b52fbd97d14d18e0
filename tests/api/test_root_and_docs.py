"""The API root describes the archive's API; the docs mark only writes as needing a token."""

from drf_spectacular.generators import SchemaGenerator


def test_the_root_describes_the_archive_and_points_to_its_documentation(anon):
    response = anon.get("/api/", HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert "Prediction Archive API" in page
    assert "default basic root view" not in page.lower()
    assert "follow “next”" in page
    link = anon.get("/api/").headers["Link"]
    assert '/api/docs/>; rel="service-doc"' in link and '/api/schema/>; rel="service-desc"' in link


def test_public_reads_carry_no_security_requirement_and_writes_do():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for path, item in paths.items():
        for method, operation in item.items():
            if method == "get":
                assert "security" not in operation, path
            elif method == "post":
                assert operation.get("security"), path


def test_the_page_size_and_ordering_parameters_document_their_limits():
    operation = SchemaGenerator().get_schema(request=None, public=True)["paths"][
        "/api/predictions/"
    ]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["page_size"]["schema"]["maximum"] == 1000
    assert "made_at, probability, id" in parameters["ordering"]["description"]
