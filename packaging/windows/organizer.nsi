; Windows installer for Organizer (NSIS 3). Per-user: no administrator rights, installs into
; %LOCALAPPDATA%\Programs\Organizer, a Start-menu entry, an entry in "Apps & features", an uninstaller.
; Mirrors packaging/linux/build-deb.sh: the same PyInstaller bundle (packaging/organizer.spec), the same
; app id and name, the version read from organizer/__init__.py. Steps: packaging/README.md.
;
;   makensis packaging\windows\organizer.nsi          (after build-bundle on Windows)
;
; Defaults, relative to this file; override with /DDIST=... /DICON=... /DOUTFILE=...
!ifndef DIST
  !define DIST "..\..\build\bundle\dist\organizer"
!endif
!ifndef ICON
  !define ICON "..\..\build\bundle\icons\organizer.ico"
!endif

; The one version: organizer/__init__.py's __version__ = "X.Y.Z".
!searchparse /file "..\..\organizer\__init__.py" `__version__ = "` VERSION `"`
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\organizer-${VERSION}-setup.exe"
!endif

!define APP_ID "io.github.organizer.Organizer"
!define APP_NAME "Organizer"
!define PUBLISHER "Organizer developers"
!define EXECUTABLE "organizer"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user
Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXECUTABLE}-gui.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"

Section "Organizer" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; The whole PyInstaller folder: organizer.exe (command line), organizer-gui.exe (no console) and
  ; _internal\ (Python, Qt, and the data: organizer\_resources, organizer\store\migrations).
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXECUTABLE}-gui.exe" "" "$INSTDIR\${EXECUTABLE}-gui.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXECUTABLE}-gui.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; Removes only what the installer put there; the user's databases and settings
; (%LOCALAPPDATA%\Organizer) are theirs and stay.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$INSTDIR\${EXECUTABLE}.exe"
  Delete "$INSTDIR\${EXECUTABLE}-gui.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
