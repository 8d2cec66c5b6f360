# Writes OUTPUT, a C++ file defining arena::server::app::openApiDocument() from INPUT (JSON).
file(READ ${INPUT} DOCUMENT)
file(WRITE ${OUTPUT} "// Generated from openapi.json by embed_openapi.cmake. Do not edit.\n"
  "#include \"app/system_routes.hpp\"\n"
  "namespace arena::server::app {\n"
  "const std::string& openApiDocument() {\n"
  "  static const std::string kDocument = R\"arena_openapi(${DOCUMENT})arena_openapi\";\n"
  "  return kDocument;\n"
  "}\n"
  "}  // namespace arena::server::app\n")
