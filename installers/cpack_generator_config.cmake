# Per-generator CPack settings (CPACK_PROJECT_CONFIG_FILE, read by cpack for each generator).
#
# The packages install some files at absolute paths (/etc/codearena). The DEB generator stages
# those inside the package. Every other generator is made to stage through DESTDIR: without it
# an archive generator would write /etc/codearena on the machine running cpack and leave it out
# of the archive. The archives unpack at / (usr/bin/..., etc/codearena/...).
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_SET_DESTDIR ON)
  set(CPACK_INSTALL_PREFIX /usr)
  set(CPACK_PACKAGING_INSTALL_PREFIX /)
endif()
