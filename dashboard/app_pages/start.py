"""The app root: Streamlit serves its default page at `/`, so Upload gets a page of its own at
`/upload` and the root forwards to it."""

import streamlit as st

from dashboard import navigation

st.switch_page(navigation.UPLOAD.script)
