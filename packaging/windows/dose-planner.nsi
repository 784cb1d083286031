; The Windows installer of Dose & Cost Planner: per user (no administrator), in Japanese,
; English or Korean. Built by scripts/package-windows.sh with Debian's makensis, which passes
; VERSION, STAGE (the files to install, laid out as installed) and OUTFILE.
; Installs into %LOCALAPPDATA%\Programs\Dose & Cost Planner: dose-planner.exe (the desk app, a
; GUI program), dose-planner.com (the same program for a console: `dose-planner quote …`),
; pricing\ (the example sheets) and licenses\; a Start-menu entry with the icon; an uninstaller
; (Settings > Apps). The uninstaller removes exactly those files: never the register or the
; recovery copies (%LOCALAPPDATA%\dose-planner) nor the user's sheets (%APPDATA%\dose-planner).
; Silent: setup.exe /S (and /D=folder to choose the folder); uninstall.exe /S.

; A 64-bit installer (the program is x64; a 64-bit Windows or Wine needs no 32-bit layer).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"

!define NAME "Dose & Cost Planner"
!define PUBLISHER "Dose & Cost Planner developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\io.github.doseplanner.DosePlanner"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "Software\io.github.doseplanner.DosePlanner" "InstallDir"
BrandingText "${NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${NAME}"
VIAddVersionKey /LANG=0 "FileDescription" "${NAME} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Copyright (c) 2026 ${PUBLISHER}"

!define MUI_ICON "${STAGE}\dose-planner.ico"
!define MUI_UNICON "${STAGE}\dose-planner.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "Software\io.github.doseplanner.DosePlanner"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\dose-planner.exe"

!insertmacro MUI_PAGE_LICENSE "${STAGE}\licenses\LICENSE"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first is the default; the language dialog offers all three (not shown with /S).
!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Korean"
!insertmacro MUI_RESERVEFILE_LANGDLL

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Dose & Cost Planner" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\dose-planner.exe"
  File "${STAGE}\dose-planner.com"
  File "${STAGE}\dose-planner.ico"
  SetOutPath "$INSTDIR\pricing"
  File "${STAGE}\pricing\*.toml"
  File "${STAGE}\pricing\README.md"
  SetOutPath "$INSTDIR\licenses"
  File "${STAGE}\licenses\*.txt"
  File "${STAGE}\licenses\LICENSE"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\dose-planner.exe" "" "$INSTDIR\dose-planner.ico" 0

  WriteRegStr HKCU "Software\io.github.doseplanner.DosePlanner" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\dose-planner.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Only what the installer put there: the register, the recovery copies and the user's sheets
; live elsewhere and stay. RMDir without /r leaves a folder the user added files to.
Section "Uninstall"
  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$INSTDIR\dose-planner.exe"
  Delete "$INSTDIR\dose-planner.com"
  Delete "$INSTDIR\dose-planner.ico"
  ; Delete lines for each example sheet and licence, written by scripts/package-windows.sh.
  !include "${STAGE}\uninstall-files.nsh"
  RMDir "$INSTDIR\pricing"
  RMDir "$INSTDIR\licenses"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\io.github.doseplanner.DosePlanner"
SectionEnd
