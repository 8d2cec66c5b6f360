# CPack settings for the CodeArena packages (included by installers/CMakeLists.txt after the
# install rules, which set _arena_components). `cpack -G "DEB;TGZ"` in the build directory, or
# `cmake --build <build> --target package`, writes them to <build>/packages/.

set(CPACK_PACKAGE_NAME codearena)
set(CPACK_PACKAGE_VENDOR "CodeArena")
set(CPACK_PACKAGE_CONTACT "CodeArena maintainers <maintainers@codearena.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://codearena.invalid/")
set(CPACK_RESOURCE_FILE_README ${CMAKE_CURRENT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_COMPONENTS_ALL ${_arena_components})
# The Debian layout: programs in /usr/bin, data in /usr/share; /etc stays absolute (see
# cpack_generator_config.cmake for how each generator stages it).
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_SOURCE_DIR}/cpack_generator_config.cmake)
# Debug info stays in the build tree; packages ship stripped programs.
set(CPACK_STRIP_FILES ON)

set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "CodeArena server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "arena-server (REST API, web UI, in-process judges), arena-judge workers, arena-admin, arena-sandbox")
set(CPACK_COMPONENT_DESKTOP_DISPLAY_NAME "CodeArena desktop client")
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION "The Qt desktop client with a local runner")

# --- .deb --------------------------------------------------------------------------------
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # codearena-server_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # dpkg-shlibdeps: Poco, libsodium, libseccomp, Qt ...
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME codearena-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# Beyond the libraries: adduser for the postinst; the compilers and interpreters that
# languages.json names (C, C++ and Python judge out of the box; Java and JavaScript are
# recommended, and a language whose toolchain is missing is listed as unavailable, not fatal).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, gcc, g++, python3")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "openjdk-17-jdk-headless, nodejs")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "nginx-light | nginx, mariadb-server, redis-server")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "CodeArena competitive-programming server\n A complete lab server: REST API, web UI, sandboxed judging, leaderboards.\n Ships arena-server, arena-judge, arena-admin, arena-sandbox, systemd units and\n a default configuration in /etc/codearena.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_SOURCE_DIR}/debian/postinst;${CMAKE_CURRENT_SOURCE_DIR}/debian/prerm;${CMAKE_CURRENT_SOURCE_DIR}/debian/postrm;${CMAKE_CURRENT_SOURCE_DIR}/debian/conffiles")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME codearena-desktop)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "hicolor-icon-theme")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "gcc, g++, python3")
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION
    "CodeArena desktop client\n Problems, a code editor, a local runner and live verdicts; works offline\n and syncs with a CodeArena server.")

# --- .tar.gz -----------------------------------------------------------------------------
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_SERVER_FILE_NAME codearena-server-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR})
set(CPACK_ARCHIVE_DESKTOP_FILE_NAME codearena-desktop-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR})

include(CPack)
